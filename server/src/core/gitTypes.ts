// What the hosts read from Git and hand to the core (the core never runs Git itself).

/** One commit touching a file. */
export interface Revision {
  hash: string;
  /** Author date, ISO 8601 as Git prints it. */
  date: string;
  author: string;
  subject: string;
}

/**
 * The committed text of a file (`base`, from HEAD) and, when the host compares the staged version
 * (`check --staged`), the index text (`current`); otherwise the document's own text is compared.
 */
export interface Baseline { base: string; current?: string }
