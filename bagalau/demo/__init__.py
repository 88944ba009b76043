"""The demo: a fictional apparatus and its year of evaluations, built through the services.

- `structure`: the apparatus (6 departments, about 40 servants, a login each) and `LOGINS`;
- `history`: the demo year replayed step by step with the clock moved (`clock.clock_at`), and
  which year that is (this year from about 23 October, when its Q3 story is over; last year
  before that);
- `content`: what the people write and score (KPIs in Kazakh, actual values, justifications);
- `loader.load_demo`: all of it in one transaction, then last year's 360 survey when
  `bagalau.demo.survey360` is there. `manage.py demo` calls it once and prints the logins.
"""
