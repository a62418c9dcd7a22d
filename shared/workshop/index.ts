// Public API of the workshop structure: templates, agenda, ready-made agendas.
export {
  TEMPLATES, templateZones, zoneOf, planeScores, contentArea, notesIn, readTemplate, readTemplates, addTemplate, addToZone, freeSlotIn, templateItemsOf, templatePlaceOf,
  type TemplateItemRef,
  type TemplateDefinition, type TemplateContent, type TemplateItem, type ZoneDefinition, type PlaneAxes,
} from './templates';
export {
  PHASES, AGENDA_MAX_STEPS, EMPTY_AGENDA, readAgenda, readStep, setAgenda, goToStep, frameOfStep, agendaFromFile, stepFrameSize,
  agendaSchema, agendaStepSchema, agendaFileSchema,
  type Phase, type Agenda, type AgendaStep, type AgendaFile, type StepInput,
} from './agenda';
export { READY_AGENDAS } from './readyAgendas';
export { SORT_KEYS, clusterBy, tagOf, type SortKey } from './affinity';
