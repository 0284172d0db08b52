/** The database was written by a newer Handrail; it was left exactly as it was. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `${file} was written by a newer version of Handrail (schema ${fileVersion}; this version knows up to ` +
        `${knownVersion}). Update Handrail to open it. The file was not changed.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** The file is not a Handrail database (not SQLite, or SQLite without Handrail's tables). */
export class NotAHandrailDatabaseError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} is not a Handrail database: ${reason}. The file was not changed.`);
    this.name = 'NotAHandrailDatabaseError';
  }
}
