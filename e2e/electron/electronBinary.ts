// One implementation, shared with scripts/start.mjs: see scripts/electron-binary.mjs.
export { findElectronBinary } from '../../scripts/electron-binary.mjs';
