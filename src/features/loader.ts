import type { Features } from './features';
import type { Foundation } from './parts';

/**
 * Loads the features file (dist/features.js, built from ./features.ts) the first time something
 * needs it, and builds its parts on the foundation once.
 */
export class FeatureLoader {
  private loaded: Features | undefined;
  private foundation: Foundation | undefined;

  /** The foundation is given once activate() has built it (the keep-alive timer is part of it and needs this loader). */
  provide(foundation: Foundation): void {
    this.foundation = foundation;
  }

  get(): Features {
    if (!this.loaded) {
      if (!this.foundation) throw new Error('The extension has not finished activating.');
      // Left unbundled on purpose (scripts/build.mjs marks it external): a separate file, read only now.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const file = require('./features.js') as typeof import('./features');
      this.loaded = file.createFeatures(this.foundation);
    }
    return this.loaded;
  }

  /** Whether the features file is loaded yet (startup loads none of it). */
  get isLoaded(): boolean {
    return this.loaded !== undefined;
  }
}
