/** Лента: новости, объявления председателя, итоги голосований и сводки (FeedPanel, проектор). */
export default {
  title: "Новости и итоги",
  empty: "Здесь появятся новости, объявления председателя и итоги голосований.",
  news: "Новости",
  chair: "Объявление председателя",
  passed: "Принято",
  failed: "Не принято",
  vote: { yes: "За", no: "Против", abstain: "Воздержались", absent: "Не голосовали" },
  tally: {
    yes_one: "{{count}} за", yes_few: "{{count}} за", yes_many: "{{count}} за", yes_other: "{{count}} за",
    no_one: "{{count}} против", no_few: "{{count}} против", no_many: "{{count}} против", no_other: "{{count}} против",
    abstain_one: "{{count}} воздержался", abstain_few: "{{count}} воздержались", abstain_many: "{{count}} воздержались", abstain_other: "{{count}} воздержались",
    absent_one: "{{count}} не голосовал", absent_few: "{{count}} не голосовали", absent_many: "{{count}} не голосовали", absent_other: "{{count}} не голосовали",
  },
  recap: "Итоги раунда {{round}}",
  recapFinal: "Окончательные итоги саммита",
  noBallots: "В этом раунде голосований не было.",
  decided: "Решено:",
};
