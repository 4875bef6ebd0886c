"use client";

import { createElement, useMemo } from "react";
import { fillShape, type ShapeTemplate } from "./markup-shape";

type Props = {
  /** The element that holds the rows: a chart's `<g>`, a table's `<tbody>`. */
  tag: "g" | "tbody";
  template: ShapeTemplate;
  /** Each row's slot values, escaped on the server (MarkupShape.row). */
  rows: string[][];
} & Partial<Record<`data-${string}` | "className" | "strokeWidth", string | number>>;

/**
 * Many repetitions of one shape of markup: the RSC payload carries the shape once and the values
 * per row, and the same string is made on the server's render and in the browser. A client
 * component only so that its props, not its output, are what the payload holds.
 */
export function RepeatedMarkup({ tag, template, rows, ...attributes }: Props) {
  const markup = useMemo(() => fillShape(template, rows), [template, rows]);
  return createElement(tag, { ...attributes, dangerouslySetInnerHTML: { __html: markup } });
}
