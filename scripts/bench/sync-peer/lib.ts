// Everything a peer process of the sync benchmark (sync-peer/peer.mjs) uses, behind ONE entry that
// sync.mjs bundles once: y-webrtc, RoomSync and the board model must share a single copy of yjs
// (two copies break Yjs's instanceof checks). @roamhq/wrtc and ws stay external: the peer passes
// them in.
export * as Y from 'yjs';
export { WebrtcProvider } from 'y-webrtc';
export { Awareness } from 'y-protocols/awareness';
export { RoomSync } from '../../../shared/sync/roomSync';
export { Board, createNote, makeBoardOfNotes, benchNoteInputs, ROOT_META, ROOT_RECORDS } from '../../../shared/board';
export { moveRecords, editText, recolorNotes } from '../../../shared/board';
