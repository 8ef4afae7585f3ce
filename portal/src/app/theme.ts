import { Badge, createTheme, CSSVariablesResolver, Modal, NavLink, Notification } from '@mantine/core';

/** One theme: colours with enough contrast for text on them (WCAG AA), a readable base size. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif',
  defaultRadius: 'sm',
  // People who asked their system for less motion get none (modals, menus, notifications).
  respectReducedMotion: true,
  components: {
    // A coloured dot beside dark text: the colour adds meaning, the text keeps its contrast (a light badge's tinted text does not reach AA).
    Badge: Badge.extend({
      defaultProps: { variant: 'dot', tt: 'none' },
      // A status is read whole: never cut to "Зачис…" in a narrow column.
      styles: { root: { overflow: 'visible', flexShrink: 0 }, label: { overflow: 'visible', textOverflow: 'clip' } },
    }),
    // The current page in the menu: white on the primary colour (a light item's tinted text does not reach AA).
    NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }),
    // Icon-only close buttons need a name for screen readers.
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Закрыть уведомление' } } }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Закрыть' } } }),
  },
});

const TINTED = ['blue', 'green', 'teal', 'red', 'orange', 'yellow', 'gray', 'cyan', 'violet'];

/**
 * Contrast (WCAG AA, checked by axe in the browser tests): Mantine's dimmed grey (gray.6 on white,
 * 3.3:1) and the text of its light variants (shade 6 on a pale tint) are too faint for text; both
 * take shade 9 of their colour (dimmed: gray.7).
 */
export const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // A field's error message (red.6 on white is 3.6:1): the same dark red as the tinted texts.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    ...Object.fromEntries(TINTED.map((c) => [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-9)`])),
  },
  dark: {},
});
