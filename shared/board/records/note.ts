// A sticky note: words two people can type in at once, a colour, a box; it may sit in a cluster
// (and so in the cluster's frame) or straight in a frame.
import type { z } from 'zod';
import { DEFAULT_NOTE_COLOR, NOTE_COLOR_NAMES, TEXT_MAX } from '../types';
import { collaborativeTextField, enumField, geometryField, refField } from './field';
import { defineRecordType } from './recordType';

export const noteType = defineRecordType({
  type: 'note',
  fields: {
    geometry: geometryField(),
    text: collaborativeTextField(TEXT_MAX),
    color: enumField(NOTE_COLOR_NAMES, DEFAULT_NOTE_COLOR),
    frameId: refField(),
    clusterId: refField(),
  },
  capabilities: {
    geometry: true,
    labelField: 'text',
    longText: true,
    inOutline: true,
    link: false,
    linkable: true,
    parents: [{ field: 'clusterId', type: 'cluster' }, { field: 'frameId', type: 'frame' }],
  },
});

export const noteSchema = noteType.schema;
export type NoteRecord = Readonly<z.infer<typeof noteSchema>>;
