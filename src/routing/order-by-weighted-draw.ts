/**
 * A weighted draw without replacement: the first place goes to item i with probability
 * weight_i / Σ weights, the next among those left, and so on. Items with weight 0 (or less) are
 * never drawn: they follow every positive-weight item, in their given order, as fallbacks only.
 */
export function orderByWeightedDraw<T extends { weight: number }>(items: readonly T[], random: () => number): T[] {
  const remaining = items.filter((item) => item.weight > 0);
  const fallbacks = items.filter((item) => !(item.weight > 0));
  const ordered: T[] = [];
  let total = remaining.reduce((sum, item) => sum + item.weight, 0);
  while (remaining.length > 0) {
    let point = random() * total;
    let index = 0;
    while (index < remaining.length - 1) {
      point -= remaining[index].weight;
      if (point < 0) break;
      index++;
    }
    const [drawn] = remaining.splice(index, 1);
    ordered.push(drawn);
    total -= drawn.weight;
  }
  return [...ordered, ...fallbacks];
}
