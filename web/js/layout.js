// The page's two layouts: a wide screen with panels beside the map, and a phone (css/map.css, the same width)
// with the map on top and panels as sheets over the bottom of the screen.
import { LAYOUT } from './settings.js';
import { t, onLanguageChange } from './i18n.js';

const PHONE = `(max-width: ${LAYOUT.PHONE_MAX_WIDTH_PX}px)`;

export function onPhone() {
  return window.matchMedia(PHONE).matches;
}

/** How many pixels of the map's bottom a sheet covers (0 when hidden or not over the map). */
export function coveredBottom(map, sheet) {
  if (!sheet || sheet.hidden || sheet.getClientRects().length === 0) return 0;
  const mapBox = map.getContainer().getBoundingClientRect();
  return Math.max(0, Math.min(mapBox.height, mapBox.bottom - sheet.getBoundingClientRect().top));
}

/**
 * On a phone, pans the map (as little as it can) so that {@code latlng} shows above the sheet over the map's bottom:
 * a point just tapped must not vanish under the form it opened.
 */
export function keepAboveSheet(map, latlng, sheet) {
  if (!onPhone()) return;
  const covered = coveredBottom(map, sheet);
  map.panInside(latlng, {
    paddingTopLeft: [LAYOUT.FIT_PADDING_PX, LAYOUT.FIT_PADDING_PX],
    paddingBottomRight: [LAYOUT.FIT_PADDING_PX, covered + LAYOUT.FIT_PADDING_PX]
  });
}

/** Calls listener whenever the page switches between the wide and the phone layout (a rotated tablet, say). */
export function onLayoutChange(listener) {
  window.matchMedia(PHONE).addEventListener('change', () => listener(onPhone()));
}

/**
 * On a phone, keeps the map's bottom controls (base map, scale, coordinate read-out, attribution) and its messages
 * above whichever sheet covers the map's bottom, so that neither hides the other (css/map.css: --sheet-cover).
 */
export function keepControlsAboveSheets(map, sheets) {
  const area = map.getContainer().parentElement;
  const update = () => {
    const covered = onPhone() ? Math.max(0, ...sheets.map((sheet) => coveredBottom(map, sheet))) : 0;
    area.style.setProperty('--sheet-cover', `${Math.round(covered)}px`);
  };
  const watcher = new ResizeObserver(update);
  sheets.forEach((sheet) => watcher.observe(sheet));
  window.addEventListener('resize', update);
  update();
}

/**
 * Makes a panel a sheet that folds to its title on a phone (css/map.css: .collapsed hides its .panel-body): its
 * .panel-collapse button folds and unfolds it. Answers setCollapsed(collapsed), to unfold it when it is shown again.
 */
export function foldable(panel) {
  const button = panel.querySelector('.panel-collapse');
  const setCollapsed = (collapsed) => {
    panel.classList.toggle('collapsed', collapsed);
    if (!button) return;
    button.setAttribute('aria-expanded', String(!collapsed));
    button.textContent = collapsed ? '▴' : '▾';
    button.title = t(collapsed ? 'panel.expand' : 'panel.collapse');
  };
  button?.addEventListener('click', () => setCollapsed(!panel.classList.contains('collapsed')));
  onLanguageChange(() => setCollapsed(panel.classList.contains('collapsed')));
  setCollapsed(false);
  return setCollapsed;
}
