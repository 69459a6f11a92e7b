/** One product's stock. */
export interface StockItem {
  sku: string;
  name: string;
  price: number;
  available: number;
  reserved: number;
}

/** The whole inventory as one document, so a multi-line reservation is one atomic update. */
export interface StockState {
  items: Record<string, StockItem>;
  /** What each order holds, so a release gives back exactly that, once. */
  reservations: Record<string, Array<{ sku: string; quantity: number }>>;
}

/** What a fresh inventory holds. */
export function seedStock(): StockState {
  const item = (sku: string, name: string, price: number, available: number): StockItem => ({ sku, name, price, available, reserved: 0 });
  return {
    items: {
      apple: item('apple', 'Apple', 0.5, 100),
      pear: item('pear', 'Pear', 0.75, 40),
      banana: item('banana', 'Banana', 0.25, 60),
      kiwi: item('kiwi', 'Kiwi', 1.2, 0),
    },
    reservations: {},
  };
}
