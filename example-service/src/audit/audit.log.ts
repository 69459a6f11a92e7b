import { Injectable } from '@panini/core';

export interface AuditEntry {
  subject: string;
  at: string;
  data: unknown;
}

/** The latest events this replica has seen, newest last. */
@Injectable()
export class AuditLog {
  static readonly SIZE = 100;
  private readonly entries: AuditEntry[] = [];

  add(subject: string, data: unknown): void {
    this.entries.push({ subject, at: new Date().toISOString(), data });
    if (this.entries.length > AuditLog.SIZE) this.entries.shift();
  }

  recent(limit = 20): AuditEntry[] {
    return this.entries.slice(-limit);
  }
}
