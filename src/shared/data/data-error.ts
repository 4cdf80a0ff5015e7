/** A problem with data: the message names the dataset, file, row, column, option or field at fault. */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}
