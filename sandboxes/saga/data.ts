/**
 * The shop's scenario data and names: node ids, order ids, what each order asks for, and the
 * client's requests (`place-o1`, `cancel-o1`). Pure parsing of plain JSON; no behaviour.
 *
 * One customer places at most two orders (o1, o2) against one credit limit and one stock count,
 * so every amount stays small enough for exhaustive exploration.
 */
import type { Json } from '../kernel/types.ts';

/** The three services, as node ids. `order` also hosts the orchestrator under orchestration. */
export const ORDER = 'order';
export const PAYMENT = 'payment';
export const INVENTORY = 'inventory';

/** The orders a scenario may name. */
export const ORDER_IDS = ['o1', 'o2'] as const;

/** What an order asks for: credit from payment, items from inventory. */
export type OrderSpec = { amount: number; qty: number };

/** Scenario data, as `Protocol.init` receives it. */
export type ShopData = {
  orders: Record<string, OrderSpec>;
  creditLimit: number;
  stock: number;
  requests: string[];
};

const DEFAULT: ShopData = { orders: { o1: { amount: 2, qty: 1 } }, creditLimit: 3, stock: 1, requests: ['place-o1'] };

function num(v: Json | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;
}

/** Scenario data with defaults for what it leaves out. */
export function shopData(data?: { [key: string]: Json }): ShopData {
  if (!data) return DEFAULT;
  const raw = (data.orders ?? {}) as { [k: string]: { [k: string]: Json } };
  const orders: Record<string, OrderSpec> = {};
  for (const id of ORDER_IDS) if (raw[id]) orders[id] = { amount: num(raw[id].amount, 1), qty: num(raw[id].qty, 1) };
  return {
    orders: Object.keys(orders).length ? orders : DEFAULT.orders,
    creditLimit: num(data.creditLimit, DEFAULT.creditLimit),
    stock: num(data.stock, DEFAULT.stock),
    requests: Array.isArray(data.requests) ? (data.requests as string[]) : DEFAULT.requests,
  };
}

/** `place-o1` → { kind: 'place', order: 'o1' }; null for anything else. */
export function parseRequest(name: string): { kind: 'place' | 'cancel'; order: string } | null {
  const m = /^(place|cancel)-(o[12])$/.exec(name);
  return m ? { kind: m[1] as 'place' | 'cancel', order: m[2] } : null;
}

/** The order a request or a saga event is about, from the event type `request.place-o1`. */
export function requestOrder(type: string): string {
  return parseRequest(type.replace(/^request\./, ''))?.order ?? '';
}
