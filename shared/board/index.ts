// Public API of the board model. Import from here, not from the files behind it.
export { Board } from './board';
export {
  BOARD_SCHEMA_VERSION, LOCAL, REMOTE, MIGRATION, LOAD, ROOT_META, ROOT_RECORDS, ROOT_SESSION, RECORD_FIELDS, META_FIELDS, sessionMap,
  type BoardOrigin, type RecordField,
} from './schema';
export {
  NOTE_COLORS, NOTE_COLOR_NAMES, DEFAULT_NOTE_COLOR, NOTE_TEXT_COLOR, NOTE_SIZE, TEXT_MAX, LABEL_MAX, isNoteColor, compareZ,
  TEMPLATE_KINDS, isTemplateKind, type TemplateKind,
  type NoteColor, type Geometry, type BoardRecord, type NoteRecord, type FrameRecord, type ClusterRecord, type ConnectorRecord,
  type RecordType, type RecordWithGeometry, type LinkRecord, type BoardChange,
} from './types';
export {
  RECORD_TYPES, recordSchema, recordType, capabilities, hasGeometry, isLink, inOutline, isContainer, isContainerType, mayHold, heldTypes,
  parentRefs, childRefField, refOf, nestingRank, labelOf, hasLongText, recordDefaults,
} from './records/registry';
export type { Capabilities, RecordTypeDef, RecordMigration, ParentRef } from './records/recordType';
export {
  createNote, createNotes, editText, textDiff, moveRecords, resizeRecord, recolorNotes, createFrame, renameFrame, renameBoard,
  groupNotes, ungroup, ungroupClusters, setParent, moveInto, moveAndReparent, frameAround, addNoteHere, freeSpotNear, containerAt, setLabel,
  reorder, bringToFront, connect, relabel, deleteRecords, setLocked, isLockedRecord, setViewOnly,
  CLUSTER_PADDING, CLUSTER_LABEL_SPACE, FRAME_TITLE_SPACE,
  type NoteInput, type FrameInput, type Move, type NoteHere,
} from './commands';
export {
  copyRecords, pasteRecords, duplicateRecords, parseClipboard, CLIPBOARD_FORMAT, CLIPBOARD_VERSION, PASTE_OFFSET, type ClipboardPayload,
} from './clipboard';
export { createUndoManager, BoardUndoManager } from './undo';
export { MIGRATIONS, RETIRED_KEYS, runMigrations, type Migration, type MigrationResult } from './migrations';
export {
  encodeBoardFile, decodeBoardFile, importBoardFile, BOARD_FILE_FORMAT, BOARD_FILE_VERSION, BOARD_FILE_EXTENSION, BOARD_FILE_MAX_BYTES,
  type BoardFile, type BoardFileError, type BoardImportError,
} from './file';
export {
  BOARD_LIMITS, REFUSAL_REASONS, checkTransaction, addedRecordIds, isLocked, isViewOnly, mayEdit, mayDelete, ownerOf,
  ROOM_ROLES, SESSION_ROLES_KEY, roomRole, runsSession, onlyLooks, mayChangeSession,
  type Actor, type MemberRole, type RoomRole, type Refusal, type RefusalReason,
} from './policy';
export { automationNotes, type AutomationNote } from './automation';
export { benchNoteInputs, makeBoardOfNotes } from './bench';
export { readSavedBoard, restoreBoardState, isNewerThanApp, syncRootMaps, syncMap, syncText, sameValue } from './restore';
