/**
 * The live budget bar of a knapsack ballot. The server renders the bar for the saved choices; this
 * island recomputes it as check boxes change. The element carries the budget and the two sentence
 * templates (already in the reader's language, with `{total}`, `{budget}`, `{left}` and `{over}`
 * placeholders) and the currency formatting; each check box carries its project's cost.
 */
export function mount(el: HTMLElement): void {
  const form = el.closest('form');
  if (!form) return;
  const budget = Number(el.dataset.budget);
  const format = new Intl.NumberFormat(el.dataset.locale, {
    style: 'currency',
    currency: el.dataset.currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    trailingZeroDisplay: 'stripIfInteger',
  });
  const sentence = el.querySelector<HTMLElement>('[data-budget-sentence]');
  const fill = el.querySelector<SVGRectElement>('[data-budget-fill]');
  const fillText = (template: string, values: Record<string, number>) =>
    template.replace(/\{(\w+)\}/g, (_, k: string) => (k in values ? format.format(values[k]!) : `{${k}}`));
  const update = () => {
    let total = 0;
    for (const box of form.querySelectorAll<HTMLInputElement>('input[data-cost]')) if (box.checked) total += Number(box.dataset.cost);
    const over = total > budget;
    if (fill) {
      fill.setAttribute('width', String(budget > 0 ? Math.min(1, total / budget) * 100 : 100));
      fill.setAttribute('fill', over ? '#b3261e' : '#1f6f43');
    }
    if (sentence) {
      const template = over ? el.dataset.overText : el.dataset.usedText;
      if (template) sentence.textContent = fillText(template, { total, budget, left: budget - total, over: total - budget });
      sentence.classList.toggle('error', over);
    }
  };
  form.addEventListener('change', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.dataset.cost !== undefined) update();
  });
}
