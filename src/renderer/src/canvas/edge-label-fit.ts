/**
 * Whether an edge's shape label fits between the two nodes it joins. Labels are painted under
 * the nodes (a node dropped on a label stays readable), so a label wider than the gap between
 * two close nodes would show only as a clipped fragment ("atch, 7"). Such a label is hidden:
 * the source node's body shows the same shape, and the edge's tooltip still has it.
 */

/** The label's font is 10.5 px monospace: about 0.6 em per character, plus padding and border. */
const CHAR_PX = 6.4;
const CHROME_PX = 14;
/** Clear space wanted on each side of the label, inside the gap. */
const MARGIN_PX = 4;

/** The label's width on screen, estimated from its text (no layout read per edge per frame). */
export function estimatedLabelWidth(text: string): number {
  return text.length * CHAR_PX + CHROME_PX;
}

/**
 * True when the label fits between the ports at `sourceX` and `targetX` (flow coordinates, as
 * React Flow passes them to an edge); an edge that runs backwards is routed round below its
 * nodes, where its label has room.
 */
export function labelFitsBetween(sourceX: number, targetX: number, text: string, backwards: boolean): boolean {
  if (backwards) return true;
  return targetX - sourceX >= estimatedLabelWidth(text) + 2 * MARGIN_PX;
}
