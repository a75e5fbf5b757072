/**
 * The models' reaction to a change of what they were built from: a new version of an artifact or a
 * new link can move the provenance verdict and the quality score of every model version that
 * reaches it, so those are recomputed in the change's own transaction and sorting by score is
 * always right.
 */
import { inTransaction } from '../../deps.ts';
import { refreshQualityAround } from './provenance.service.ts';

/** Re-stores the scores a new artifact version or link can move. */
export const provenanceSubscribers = [
  inTransaction(
    'registry: re-score the model versions a change reaches',
    ['artifact_version_created', 'link_created'],
    async (deps, unit, event) => {
      const changed = event.type === 'link_created' ? event.sourceId : event.artifactId;
      await refreshQualityAround(unit.tx, changed, deps.config.qualityCap);
    },
  ),
];
