// Random ids for records and sessions. Not crypto.randomUUID: participants open the app over
// plain http://<LAN address>, which is not a secure context, and randomUUID (like crypto.subtle)
// is missing there; getRandomValues is available everywhere.
export function randomId(bytes = 16): string {
  const values = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  let id = '';
  for (const value of values) id += value.toString(16).padStart(2, '0');
  return id;
}
