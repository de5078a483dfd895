/**
 * What is wrong with the file being imported, in words for its owner: the command prints it as
 * `recall import: FILE: message`, exit 1, with nothing written.
 */
export class BadInput extends Error {
  override readonly name = 'BadInput';
}
