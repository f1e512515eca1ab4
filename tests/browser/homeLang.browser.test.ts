/** The home page in Russian and English: switched in place, typed text and focus kept, errors in the reader's language. */
import { describe, expect, it } from "vitest";
import { createSeminar } from "../server/harness";
import { browserSuite, haveChromium, newPage } from "./browser";

const suite = browserSuite();

describe.skipIf(!haveChromium)("the home page's languages", () => {
  it("switches to Russian and back without losing what was typed, chosen or focused", async () => {
    const { server, browser } = suite;
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "45", bots: true });
    const { page, errors } = await newPage(browser, { width: 1280, height: 800 });
    await page.goto(`${server.url}/join/${sem.code}`);
    await page.getByRole("heading", { name: "Join a summit" }).waitFor({ timeout: 10_000 });
    // The delegation list comes from the seminar's scenario once the code is looked up.
    await page.locator("#join-delegation option[value=KZ]").waitFor({ state: "attached", timeout: 10_000 });
    await page.selectOption("#join-delegation", "KZ");
    await page.selectOption("#create-scenario", "tutorial");
    await page.fill("#join-name", "Айгерим");
    // A keyboard user moves to the language switch and picks Russian.
    await page.focus(".lang-select");
    await page.selectOption(".lang-select", "ru");
    await page.getByRole("heading", { name: "Войти на саммит" }).waitFor({ timeout: 5000 });
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    // The keyboard stays where it was: on the language switch just used.
    expect(await page.evaluate(() => document.activeElement?.classList.contains("lang-select") ?? false)).toBe(true);
    expect(await page.inputValue("#join-name")).toBe("Айгерим");
    expect(await page.inputValue("#join-code")).toBe(sem.code);
    expect(await page.inputValue("#create-scenario")).toBe("tutorial");
    await expect.poll(() => page.inputValue("#join-delegation"), { timeout: 5000 }).toBe("KZ");
    expect(await page.locator("#join-delegation option[value=KZ]").textContent()).toBe("Казахстан");
    expect(await page.locator("#create-scenario option[value=tutorial]").textContent()).toBe("Обучение: совместные учения");
    expect(await page.locator("label[for=rule-exercise]").textContent()).toBe("Где провести совместные учения в следующем году");
    expect(await page.getByRole("button", { name: "Создать семинар" }).count()).toBe(1);

    // An error in Russian: a code no seminar has.
    await page.fill("#join-code", "ZZZZZZZ");
    await page.getByRole("button", { name: "Занять место" }).click();
    await page.getByText("Саммита с таким кодом нет.", { exact: false }).first().waitFor({ timeout: 5000 });

    await page.selectOption(".lang-select", "en");
    await page.getByRole("heading", { name: "Join a summit" }).waitFor({ timeout: 5000 });
    expect(await page.inputValue("#join-name")).toBe("Айгерим");
    expect(await page.locator("#create-scenario option[value=tutorial]").textContent()).toBe("Tutorial: a joint exercise");
    // The choice is remembered: a reload opens in English now, and in Russian after choosing it again.
    await page.selectOption(".lang-select", "ru");
    await page.reload();
    await page.getByRole("heading", { name: "Войти на саммит" }).waitFor({ timeout: 10_000 });
    // The wrong code's look-up and join answer 404, which the browser logs; nothing else may go wrong.
    expect(errors.filter((e) => !e.includes("status of 404"))).toEqual([]);
    await page.context().close();
  });
});
