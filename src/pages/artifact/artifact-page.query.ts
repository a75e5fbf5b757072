/**
 * What the artifact page (`/artifacts/{id}`) reads: the artifact as `GET /api/artifacts/{id}`
 * presents it (versions, links both ways, retractions), and whether the signed-in viewer may
 * retract or reinstate it. Unknown ids throw the API's `NotFound`.
 */
import type { Caller } from '../../caller.ts';
import type { Deps } from '../../deps.ts';
import { presentArtifactDetail } from '../../registry/artifacts/artifact.presenter.ts';
import { getArtifactDetail } from '../../registry/artifacts/artifact.service.ts';
import { mayRetract } from '../../retraction/retraction.service.ts';

/** The artifact as the API sends it. */
export type ArtifactView = ReturnType<typeof presentArtifactDetail>;

/** Everything the artifact page shows. */
export interface ArtifactPageData {
  artifact: ArtifactView;
  /** Whether the signed-in viewer may retract (or, when retracted, reinstate) it. */
  mayRetract: boolean;
}

/** Loads the artifact page for `id` as `viewer` (undefined when nobody is signed in) sees it. */
export async function loadArtifactPage(
  deps: Pick<Deps, 'db'>,
  id: string,
  viewer: Caller | undefined,
): Promise<ArtifactPageData> {
  const detail = await getArtifactDetail(deps, id);
  return {
    artifact: presentArtifactDetail(detail),
    mayRetract: viewer !== undefined && mayRetract(viewer, detail.artifact),
  };
}
