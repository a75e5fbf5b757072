/**
 * The wire form of events.
 */
import type { Event } from './event.repository.ts';

/** An event as the API shows it. */
export function presentEvent(event: Event) {
  return {
    id: event.id,
    event_type: event.eventType,
    target_artifact_id: event.targetArtifactId,
    actor: event.actor,
    detection_metadata: event.detectionMetadata,
    created_at: event.createdAt.toISOString(),
  };
}
