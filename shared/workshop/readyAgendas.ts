// The ready-made agendas shipped with the app (resources/agendas), checked against the schema
// when loaded so a bad edit to a file shows up in the tests, not in a workshop.
import identification from '../../resources/agendas/problem-identification.json';
import redefinition from '../../resources/agendas/problem-redefinition.json';
import { agendaFileSchema, type AgendaFile } from './agenda';

export const READY_AGENDAS: readonly AgendaFile[] = [identification, redefinition].map((file) => agendaFileSchema.parse(file));
