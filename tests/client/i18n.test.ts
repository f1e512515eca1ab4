import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../client/src/i18n/locales/en";
import ru from "../../client/src/i18n/locales/ru";

const PLURAL = /_(zero|one|two|few|many|other)$/;
type Tree = { [k: string]: string | Tree };

/** Every leaf key of a namespace, dotted, with its plural suffix kept. */
function leaves(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : leaves(v, `${prefix}${k}.`)));
}
const bases = (keys: string[]) => new Set(keys.map((k) => k.replace(PLURAL, "")));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("the client's languages", () => {
  it("have the same namespaces", () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  for (const ns of Object.keys(en) as (keyof typeof en)[]) {
    it(`namespace ${ns}: every key in both English and Russian, with each language's plural forms`, () => {
      const enKeys = leaves(en[ns] as Tree);
      const ruKeys = leaves((ru as Record<string, Tree>)[ns] ?? {});
      const missingInRu = [...bases(enKeys)].filter((k) => !bases(ruKeys).has(k));
      const missingInEn = [...bases(ruKeys)].filter((k) => !bases(enKeys).has(k));
      expect({ missingInRu, missingInEn }).toEqual({ missingInRu: [], missingInEn: [] });
      for (const base of bases(enKeys)) {
        if (!enKeys.some((k) => k === `${base}_other`)) continue;
        expect(enKeys, `${ns}:${base} in English`).toEqual(expect.arrayContaining([`${base}_one`, `${base}_other`]));
        expect(ruKeys, `${ns}:${base} in Russian`).toEqual(expect.arrayContaining([`${base}_one`, `${base}_few`, `${base}_many`, `${base}_other`]));
      }
      for (const k of [...enKeys, ...ruKeys]) {
        const value = [en[ns], (ru as Record<string, Tree>)[ns]].map((tree) => k.split(".").reduce<Tree | string | undefined>((t, p) => (typeof t === "object" ? t[p] : undefined), tree as Tree));
        for (const v of value) if (v !== undefined) expect(String(v).trim(), `${ns}:${k} is empty`).not.toBe("");
      }
    });
  }

  it("every literal key the client asks for exists in both languages", () => {
    const known = new Map<string, Set<string>>();
    for (const [name, tree] of [["en", en], ["ru", ru]] as const) {
      known.set(name, new Set(Object.entries(tree).flatMap(([ns, t]) => [...bases(leaves(t as Tree))].map((k) => `${ns}:${k}`))));
    }
    const asked = new Set<string>();
    for (const file of sourceFiles(join(import.meta.dirname, "../../client/src"))) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\(\s*["'`]([\w.:-]+)["'`]/g)) {
        const key = m[1]!.includes(":") ? m[1]! : `common:${m[1]}`;
        asked.add(key);
      }
    }
    expect(asked.size).toBeGreaterThan(0);
    const missing = [...asked].filter((k) => !known.get("en")!.has(k) || !known.get("ru")!.has(k));
    expect(missing).toEqual([]);
  });
});
