// The engine's ctaRoute rule as a regex, for the JS peers.
// No scheme, no `//host`, no leading backslash, no control characters, no surrounding white space.
export const ROUTE = /^(?!\s)(?![/\\]{2})(?!\\)[^:/?#\u0000-\u001f\u007f-\u009f]*(?:[/?#][^\u0000-\u001f\u007f-\u009f]*)?(?<!\s)$/;

