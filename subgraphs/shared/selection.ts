/**
 * What the operation asks for below the field being resolved, for a resolver that can fetch what
 * comes next in the same agency call instead of a second one once its own answer is known.
 */
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field at `path` (e.g. ['properties', 'registration']) is selected below the field
 * being resolved. Inline fragments and fragment spreads are followed; @skip and @include are not
 * read, so a field that may be skipped counts as asked (at worst its data is fetched unused).
 */
export function selectsBelow(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const within = (set: SelectionSetNode | undefined, depth: number): boolean =>
    !!set &&
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === path[depth] && (depth === path.length - 1 || within(selection.selectionSet, depth + 1));
      if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet, depth);
      return within(info.fragments[selection.name.value]?.selectionSet, depth);
    });
  return path.length > 0 && info.fieldNodes.some((node) => within(node.selectionSet, 0));
}
