import { escapeMarkup } from "./svg-markup";

// A chart's marks and a long table's rows repeat one shape of markup hundreds of times. Sent as
// markup, each repetition travelled twice: in the HTML and again, escaped twice over, in the RSC
// payload the browser hydrates from (most of a year's Health page). A shape is written once, as a
// tagged template with named slots; each repetition is only its slot values, and RepeatedMarkup
// (a client component) puts them together on the server's render and in the browser alike.

/** What the browser needs of a shape: the markup between slots, and which value fills each gap. */
export interface ShapeTemplate {
  /** parts.length === slots.length + 1 */
  parts: string[];
  /** Per gap, the index of the row value that fills it (a slot may appear several times). */
  slots: number[];
}

class Slot<Name extends string> {
  constructor(readonly name: Name) {}
}

class RawMarkup {
  constructor(readonly markup: string) {}
}

/** A named place in a shape, filled per row. */
export const slot = <Name extends string>(name: Name) => new Slot(name);

/** Markup already escaped (another element), taken as it is where a value would be escaped. */
export const raw = (markup: string) => new RawMarkup(markup);

type SlotValue = string | number | RawMarkup;
type Piece<Name extends string> = Slot<Name> | MarkupShape<Name> | SlotValue | ReadonlyArray<Piece<Name>>;

export class MarkupShape<Name extends string> {
  readonly template: ShapeTemplate = { parts: [""], slots: [] };
  readonly names: Name[] = [];

  /** Appends literal markup, a slot, or a whole other shape (its slots join this one's by name). */
  append(piece: Piece<Name>): void {
    const { parts, slots } = this.template;
    if (Array.isArray(piece)) for (const each of piece as ReadonlyArray<Piece<Name>>) this.append(each);
    else if (piece instanceof Slot) {
      slots.push(this.indexOf(piece.name));
      parts.push("");
    } else if (piece instanceof MarkupShape) {
      const inner = piece.template;
      this.appendLiteral(inner.parts[0]!);
      inner.slots.forEach((index, gap) => {
        slots.push(this.indexOf(piece.names[index]!));
        parts.push(inner.parts[gap + 1]!);
      });
    } else this.appendLiteral(markupOf(piece as SlotValue));
  }

  private appendLiteral(markup: string): void {
    const { parts } = this.template;
    parts[parts.length - 1] = parts.at(-1)! + markup;
  }

  /** One repetition's values, escaped, in the order the template's slot indexes count them. */
  row(values: Record<Name, SlotValue>): string[] {
    return this.names.map((name) => markupOf(values[name]));
  }

  private indexOf(name: Name): number {
    const index = this.names.indexOf(name);
    if (index >= 0) return index;
    this.names.push(name);
    return this.names.length - 1;
  }
}

const markupOf = (value: SlotValue): string =>
  value instanceof RawMarkup ? value.markup : escapeMarkup(typeof value === "number" ? String(value) : value);

/**
 * A shape from a template literal: `${slot("x")}` marks a slot, any other string or number is
 * escaped into the markup as it is, `${raw(markup)}` and nested shapes go in unescaped.
 */
export function markupShape<Name extends string = never>(
  strings: TemplateStringsArray,
  ...pieces: Array<Piece<Name>>
): MarkupShape<Name> {
  const shape = new MarkupShape<Name>();
  strings.forEach((literal, index) => {
    shape.append(raw(literal));
    if (index < pieces.length) shape.append(pieces[index]!);
  });
  return shape;
}

/** Every row through the template, as one string of markup. */
export function fillShape(template: ShapeTemplate, rows: readonly (readonly string[])[]): string {
  const { parts, slots } = template;
  let markup = "";
  for (const row of rows) {
    markup += parts[0];
    for (let gap = 0; gap < slots.length; gap++) markup += row[slots[gap]!]! + parts[gap + 1]!;
  }
  return markup;
}
