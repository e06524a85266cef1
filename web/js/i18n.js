// One message table per language (i18n/zh-CN.js, i18n/en.js); zh-CN by default, English by the toggle.
import zhCN from '../i18n/zh-CN.js';
import en from '../i18n/en.js';
import { LANGUAGES } from './settings.js';

const TABLES = { 'zh-CN': zhCN, en };
const listeners = [];
let current = initialLanguage();

function initialLanguage() {
  const stored = safeStorage()?.getItem(LANGUAGES.STORAGE_KEY);
  return TABLES[stored] ? stored : LANGUAGES.DEFAULT;
}

function safeStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function language() {
  return current;
}

/**
 * The message for key in the current language, with {name} placeholders filled from params, and plurals written
 * {name, plural, one {…} other {…}} (ICU MessageFormat's form; # is the number) chosen by the language's rules.
 */
export function t(key, params = {}) {
  const text = TABLES[current][key] ?? TABLES[LANGUAGES.DEFAULT][key];
  if (text === undefined) {
    console.warn(`no message for ${key}`);
    return key;
  }
  return fillPlurals(text, params).replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_CASE = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

function fillPlurals(text, params) {
  return text.replace(PLURAL, (whole, name, cases) => {
    if (!(name in params)) return whole;
    const n = Number(params[name]);
    const forms = Object.fromEntries([...cases.matchAll(PLURAL_CASE)].map((m) => [m[1], m[2]]));
    const form = forms[`=${n}`] ?? forms[new Intl.PluralRules(current).select(n)] ?? forms.other ?? '';
    return form.replace(/#/g, String(params[name]));
  });
}

export function hasMessage(key) {
  return key in TABLES[current];
}

export function setLanguage(lang) {
  current = TABLES[lang] ? lang : LANGUAGES.DEFAULT;
  safeStorage()?.setItem(LANGUAGES.STORAGE_KEY, current);
  translatePage();
  listeners.forEach((listener) => listener(current));
}

export function toggleLanguage() {
  setLanguage(current === LANGUAGES.DEFAULT ? LANGUAGES.OTHER : LANGUAGES.DEFAULT);
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

/** Fills every element marked data-i18n (text), data-i18n-placeholder and data-i18n-title. */
export function translatePage(root = document) {
  document.documentElement.lang = current;
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach((el) => { el.title = t(el.dataset.i18nTitle); });
  document.title = t('app.title');
}
