/** Слова, общие для всех экранов. */
export default {
  brand: "Саммит ОДКБ",
  language: "Язык",
  phase: {
    opening: "Вступительные заявления",
    consultations: "Консультации",
    drafting: "Работа над проектами",
    voting: "Голосование",
    results: "Итоги",
  },
  status: { lobby: "Сбор участников", ended: "Завершён", paused: "Пауза" },
  round: "Раунд {{round}}",
  roundOf: "Раунд {{round}} из {{rounds}}",
  net: { reconnecting: "Переподключение…", lost: "Связь потеряна — перезагрузите страницу", restored: "Связь восстановлена. Вы снова на своём месте." },
  outcome: {
    open: "не решён",
    rejected: "отклонён",
    postponed: "перенесён на следующий саммит",
    adopted: "принят: {{option}}",
  },
  minutes_one: "{{count}} минута",
  minutes_few: "{{count}} минуты",
  minutes_many: "{{count}} минут",
  minutes_other: "{{count}} минуты",
  back: "На главную",
  somethingWrong: "Что-то пошло не так: {{message}}",
};
