// A frame: a titled area holding clusters and notes; it may hold a facilitation template, whose
// kind decides the zones drawn inside it and what the notes in each zone mean.
import type { z } from 'zod';
import { LABEL_MAX, TEMPLATE_KINDS } from '../types';
import { geometryField, optionalEnumField, stringField } from './field';
import { defineRecordType } from './recordType';

export const frameType = defineRecordType({
  type: 'frame',
  fields: {
    geometry: geometryField(),
    title: stringField(LABEL_MAX),
    // 'free' is the same as none: it is never read back, so a free board has no template field.
    template: optionalEnumField(TEMPLATE_KINDS, 'free'),
  },
  capabilities: {
    geometry: true,
    labelField: 'title',
    longText: false,
    inOutline: true,
    link: false,
    linkable: true,
    parents: [],
  },
});

export const frameSchema = frameType.schema;
export type FrameRecord = Readonly<z.infer<typeof frameSchema>>;
