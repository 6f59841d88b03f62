// What the deck's components use of Slidev's client API, for the type-check only (tsconfig.client.json maps
// `@slidev/client` here; the build uses the real package). @slidev/client ships its sources as .ts written for looser
// compiler options and for build-time globals such as __DEV__, so checking them under this project's strict settings
// reports errors in Slidev, not in the deck.
import type { RenderContext } from '@slidev/types'
import type { Component, Ref } from 'vue'

export interface SlideContext {
  /** this slide's number (1-based) */
  $page: Ref<number>
  $nav: Ref<{ currentSlideNo: number, isPrintMode: boolean }>
  $renderContext: Ref<RenderContext>
  /** this slide's route: its title (the first heading, markup included) */
  $route?: { meta: { slide: { title?: string } } }
  /** this slide's frontmatter (a plain object; `routeAlias` on a demo's first slide) */
  $frontmatter: Record<string, unknown>
}

export function useSlideContext(): SlideContext

/** The deck's headmatter as Slidev compiled it (a plain object, read when components render). */
export declare const configs: {
  /** the navigation bar's download button: off, Slidev's own export, or the URL of a PDF */
  download: boolean | string
  title: string
}

/** The deck's colour scheme (colorSchema in slides.md, or the viewer's toggle). */
export function useDarkMode(): { isColorSchemaConfigured: Ref<boolean>, isDark: Ref<boolean>, toggleDark: () => void }

/** Shared state between the presenter and audience windows (Slidev's sync channel). */
export function createSyncState<State extends object>(serverState: State, defaultState: State, persist?: boolean): {
  init(channelKey: string): void
  onPatch(fn: (state: State) => void): void
  patch<K extends keyof State>(key: K, value: State[K]): void
  state: State
}

/** Slidev's navigation: every slide (its number and frontmatter) and the one on screen. */
export function useNav(): {
  slides: Ref<{
    no: number
    meta: { slide: { frontmatter: Record<string, unknown> } }
    /** the slide's code (a module), fetched now if not yet; when that fails, the error layout (a component) instead */
    load: () => Promise<{ default: Component } | Component>
  }[]>
  currentSlideNo: Ref<number>
}
