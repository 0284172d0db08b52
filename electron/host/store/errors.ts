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

/** A read-only command found no database: nothing has been stored in this data folder yet. */
export class NoDatabaseError extends Error {
  constructor(readonly file: string) {
    super(`${file} does not exist: nothing has been stored in this data folder yet`);
    this.name = 'NoDatabaseError';
  }
}

/** A read-only command found a database an older Handrail wrote; it cannot upgrade it. */
export class DatabaseNeedsUpgradeError extends Error {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `${file} has schema ${fileVersion}, older than this version's ${knownVersion}: start Handrail once ` +
        '(the app or `handrail serve`) to upgrade it, then run this again. The file was not changed.',
    );
    this.name = 'DatabaseNeedsUpgradeError';
  }
}
