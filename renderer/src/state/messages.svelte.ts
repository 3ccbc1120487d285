export interface Message {
  tone: 'success' | 'error' | 'info';
  title: string;
  details: string[];
  /** One button beside the message, such as Undo. */
  action?: { label: string; run: () => void | Promise<void> };
}

/** The one message bar: the last thing done, refused or undoable. Any state module may show one. */
class Messages {
  #current = $state<Message | null>(null);

  get current(): Message | null {
    return this.#current;
  }

  show(message: Message): void {
    this.#current = message;
  }

  error(title: string, details: string[] = []): void {
    this.#current = { tone: 'error', title, details };
  }

  info(title: string): void {
    this.#current = { tone: 'info', title, details: [] };
  }

  success(title: string, details: string[] = []): void {
    this.#current = { tone: 'success', title, details };
  }

  dismiss(): void {
    this.#current = null;
  }

  /** Forgets everything: for specs. */
  reset(): void {
    this.#current = null;
  }
}

export const messages = new Messages();
