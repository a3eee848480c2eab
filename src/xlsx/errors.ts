/**
 * The one base class of errors that say, in Chinese, what is wrong with a file: too large,
 * damaged, unsafe, not a workbook, unreadable. The command line shows their message as it is
 * (recognised with `instanceof FileError`, never by name); anything else is put into words by
 * describeError and marked as the program's fault.
 */
export class FileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileError';
  }
}
