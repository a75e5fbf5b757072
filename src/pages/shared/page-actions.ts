/**
 * Which write actions the pages offer to the agent signed in through the session cookie: each
 * needs what its command asserts (the scope of its API route, and for some a relation to the
 * thing — maintaining the lineage, having created the artifact, having opened the request). The
 * pages only hide what would be refused; the command still checks, so a hand-made form gets the
 * same 403 as the API.
 */
import { type Caller, hasScope, type Scope } from '../../caller.ts';

/** The write actions of the pages. */
export type PageAction =
  | 'set_alias'
  | 'remove_alias'
  | 'edit_description'
  | 'edit_tags'
  | 'promote'
  | 'request_promotion'
  | 'decide_request'
  | 'withdraw_request'
  | 'retract'
  | 'review_edge'
  | 'preview_impact';

/** The scope each action's API route needs (`admin` holds every scope). */
export const ACTION_SCOPES: Record<PageAction, Scope> = {
  set_alias: 'evaluate',
  remove_alias: 'evaluate',
  edit_description: 'write',
  edit_tags: 'write',
  promote: 'evaluate',
  request_promotion: 'evaluate',
  decide_request: 'evaluate',
  withdraw_request: 'admin',
  retract: 'evaluate',
  review_edge: 'evaluate',
  preview_impact: 'evaluate',
};

/** What an action's rights may depend on besides the scope. */
export interface ActionContext {
  /** The lineage's maintainers (descriptions and tags need one of them; requests accept one). */
  maintainers?: readonly string[];
  /** The artifact's creator (may retract it with `write`). */
  createdBy?: string;
  /** The promotion request's requester (may withdraw it). */
  requestedBy?: string;
  /** Whether the alias acted on is protected (only `admin` may move or remove it). */
  aliasProtected?: boolean;
}

/** Whether the pages offer `action` to `caller` (signed out: never). */
export function mayTake(
  caller: Caller | undefined,
  action: PageAction,
  context: ActionContext = {},
): boolean {
  if (!caller) return false;
  const isMaintainer = context.maintainers?.includes(caller.agentId) ?? false;
  switch (action) {
    case 'edit_description':
    case 'edit_tags':
      return hasScope(caller, 'admin') || (hasScope(caller, 'write') && isMaintainer);
    case 'request_promotion':
      return hasScope(caller, 'evaluate') || isMaintainer;
    case 'remove_alias':
      return hasScope(caller, context.aliasProtected ? 'admin' : ACTION_SCOPES.remove_alias);
    case 'withdraw_request':
      return hasScope(caller, 'admin') || caller.agentId === context.requestedBy;
    case 'retract':
      return (
        hasScope(caller, 'evaluate') || (hasScope(caller, 'write') && caller.agentId === context.createdBy)
      );
    default:
      return hasScope(caller, ACTION_SCOPES[action]);
  }
}
