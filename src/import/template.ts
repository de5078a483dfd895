/**
 * Anki card templates, rendered per card as Anki renders them (rslib template.rs): `{{Field}}`,
 * `{{FrontSide}}`, sections `{{#Field}}…{{/Field}}` and `{{^Field}}…{{/Field}}`, filters
 * (`{{text:Field}}`, `{{hint:Field}}`, `{{type:Field}}`, `{{cloze:Field}}`, `{{kanji:…}}`,
 * `{{kana:…}}`, `{{furigana:…}}`, chained right to left) and the special fields `Tags`, `Type`,
 * `Deck`, `Subdeck`, `Card`. The output is HTML, for html.ts. Pure.
 */

export type RenderContext = {
  /** Field name → its HTML. */
  readonly fields: ReadonlyMap<string, string>;
  readonly tags: readonly string[];
  readonly noteType: string;
  readonly deck: string;
  readonly template: string;
  /** The card's template or cloze index (0-based; cloze number = ord + 1). */
  readonly ord: number;
};

type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly filters: readonly string[]; readonly name: string }
  | {
      readonly kind: 'section';
      readonly name: string;
      readonly negated: boolean;
      readonly body: readonly Node[];
    };

const TAG = /\{\{([\s\S]*?)\}\}/g;

/** Parses a template; an unclosed or mismatched section is kept as literal text, as Anki shows it. */
export function parseTemplate(source: string): Node[] {
  const root: Node[] = [];
  const stack: { name: string; negated: boolean; body: Node[]; raw: string }[] = [];
  const top = () => stack[stack.length - 1]?.body ?? root;
  let last = 0;
  for (const m of source.matchAll(TAG)) {
    if (m.index > last) top().push({ kind: 'text', text: source.slice(last, m.index) });
    last = m.index + m[0].length;
    const inner = m[1]!.trim();
    if (inner.startsWith('#') || inner.startsWith('^')) {
      stack.push({ name: inner.slice(1).trim(), negated: inner[0] === '^', body: [], raw: m[0] });
    } else if (inner.startsWith('/')) {
      const open = stack[stack.length - 1];
      if (open && open.name === inner.slice(1).trim()) {
        stack.pop();
        top().push({ kind: 'section', name: open.name, negated: open.negated, body: open.body });
      } else top().push({ kind: 'text', text: m[0] });
    } else if (inner.startsWith('!')) {
      // a comment
    } else {
      const parts = inner.split(':');
      const name = parts.pop()!.trim();
      top().push({ kind: 'field', filters: parts.map((f) => f.trim()), name });
    }
  }
  if (last < source.length) top().push({ kind: 'text', text: source.slice(last) });
  while (stack.length > 0) {
    const open = stack.pop()!;
    top().push({ kind: 'text', text: open.raw }, ...open.body);
  }
  return root;
}

/** Whether a field counts as empty for sections and card generation: no text and no image. */
export function fieldIsEmpty(html: string): boolean {
  return !/<img\b/i.test(html) && stripHtml(html).trim() === '';
}

export function stripHtml(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ');
}

export type Side = 'question' | 'answer';

/** Renders one side. `frontSide` is the rendered question, for `{{FrontSide}}` on the answer. */
export function render(template: string, ctx: RenderContext, side: Side, frontSide = ''): string {
  return renderNodes(parseTemplate(template), ctx, side, frontSide);
}

function special(name: string, ctx: RenderContext, frontSide: string): string | undefined {
  switch (name) {
    case 'FrontSide':
      return frontSide;
    case 'Tags':
      return ctx.tags.join(' ');
    case 'Type':
      return ctx.noteType;
    case 'Deck':
      return ctx.deck;
    case 'Subdeck':
      return ctx.deck.split('::').pop() ?? '';
    case 'Card':
      return ctx.template;
    case 'CardFlag':
      return '';
    default:
      return undefined;
  }
}

function value(name: string, ctx: RenderContext, frontSide: string): string {
  return ctx.fields.get(name) ?? special(name, ctx, frontSide) ?? '';
}

function renderNodes(
  nodes: readonly Node[],
  ctx: RenderContext,
  side: Side,
  front: string,
): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'section') {
      const v = value(node.name, ctx, front);
      // `{{#c2}}` on a cloze template: whether this is cloze 2's card.
      const empty =
        /^c\d+$/.test(node.name) && !ctx.fields.has(node.name)
          ? Number(node.name.slice(1)) !== ctx.ord + 1
          : fieldIsEmpty(v);
      if (empty === node.negated) out += renderNodes(node.body, ctx, side, front);
    } else out += applyFilters(node, ctx, side, front);
  }
  return out;
}

function applyFilters(
  node: Extract<Node, { kind: 'field' }>,
  ctx: RenderContext,
  side: Side,
  front: string,
): string {
  let text = value(node.name, ctx, front);
  // Filters apply from the innermost (rightmost) outwards.
  for (const filter of [...node.filters].reverse()) {
    switch (filter) {
      case 'text':
        text = stripHtml(text);
        break;
      case 'hint':
        // A hint is a click-to-show link in Anki; a terminal shows it labelled.
        text = fieldIsEmpty(text) ? '' : `<br>Hint: ${text}`;
        break;
      case 'type':
        // The type-in box: nothing on the question (recall asks for the typed answer itself),
        // the expected answer on the answer side.
        text = side === 'question' ? '' : text;
        break;
      case 'cloze':
      case 'cloze-only':
        text = renderCloze(text, ctx.ord + 1, side, filter === 'cloze-only');
        break;
      case 'kanji':
        text = text.replace(/ ?([^ >]+?)\[(.+?)\]/g, '$1');
        break;
      case 'kana':
        text = text.replace(/ ?([^ >]+?)\[(.+?)\]/g, '$2');
        break;
      case 'furigana':
        text = text.replace(/ ?([^ >]+?)\[(.+?)\]/g, '$1($2)');
        break;
      default:
        // Unknown filters (add-ons') leave the text as it is, as Anki does.
        break;
    }
  }
  return text;
}

const CLOZE = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;

/** The cloze numbers a field's text uses, in order of first appearance. */
export function clozeNumbers(text: string): number[] {
  const seen: number[] = [];
  for (const m of text.matchAll(CLOZE)) {
    const n = Number(m[1]);
    if (!seen.includes(n)) seen.push(n);
  }
  return seen;
}

/**
 * Cloze `n` of `text`: on the question its deletions show `[...]` (or `[hint]`) and the others
 * their text; on the answer its deletions are shown in bold. `only`: just the deletions' text.
 */
export function renderCloze(text: string, n: number, side: Side, only = false): string {
  const active: string[] = [];
  const out = text.replace(CLOZE, (_, num: string, answer: string, hint?: string) => {
    if (Number(num) !== n) return answer;
    active.push(answer);
    if (side === 'question') return hint ? `[${hint}]` : '[...]';
    return `<b>${answer}</b>`;
  });
  if (active.length === 0) return '';
  return only ? active.join(', ') : out;
}
