// Nothing to configure: the package works in Next.js's server and client bundles as is.
export default {};
