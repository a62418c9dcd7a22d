// A connector: a labelled arrow from one record to another. It has no box of its own (it is drawn
// between its ends) and goes when either end goes.
import type { z } from 'zod';
import { LABEL_MAX } from '../types';
import { requiredRefField, stringField } from './field';
import { defineRecordType } from './recordType';

export const connectorType = defineRecordType({
  type: 'connector',
  fields: {
    from: requiredRefField(),
    to: requiredRefField(),
    label: stringField(LABEL_MAX),
  },
  capabilities: {
    geometry: false,
    labelField: 'label',
    longText: false,
    inOutline: false,
    link: true,
    linkable: false,
    parents: [],
  },
});

export const connectorSchema = connectorType.schema;
export type ConnectorRecord = Readonly<z.infer<typeof connectorSchema>>;
