/** Utilities: atomic and durable file writes, HDF5 sniffing. Re-exports only. */
export * from './atomicWrite.js';
export * from './fsyncFile.js';
export * from './isHdf5File.js';
