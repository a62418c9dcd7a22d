// A cluster: a labelled group of notes drawn as a box around them; it may sit in a frame.
import type { z } from 'zod';
import { LABEL_MAX } from '../types';
import { geometryField, refField, stringField } from './field';
import { defineRecordType } from './recordType';

export const clusterType = defineRecordType({
  type: 'cluster',
  fields: {
    geometry: geometryField(),
    label: stringField(LABEL_MAX),
    frameId: refField(),
  },
  capabilities: {
    geometry: true,
    labelField: 'label',
    longText: false,
    inOutline: true,
    link: false,
    linkable: true,
    parents: [{ field: 'frameId', type: 'frame' }],
  },
});

export const clusterSchema = clusterType.schema;
export type ClusterRecord = Readonly<z.infer<typeof clusterSchema>>;
