import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { PlexusEvent, PlexusEventType } from './plexus-event';

/**
 * The in-process event bus (DESIGN.md: RxJS is for the event bus only). Publishing is a
 * synchronous `next` on a Subject with no subscribers most of the time: cheap enough to call
 * from the request path once per request.
 */
@Injectable()
export class EventBusService {
  private sequence = 0;
  private readonly subject = new Subject<PlexusEvent>();

  get events$(): Observable<PlexusEvent> {
    return this.subject.asObservable();
  }

  /** Nothing is built when nobody listens (the usual case): the request path calls this every time. */
  publish<T>(type: PlexusEventType, data: T): void {
    if (!this.subject.observed) return;
    const event: PlexusEvent<T> = { id: ++this.sequence, type, at: new Date().toISOString(), data };
    this.subject.next(event);
  }
}
