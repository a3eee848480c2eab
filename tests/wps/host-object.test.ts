/**
 * The ET application a page reaches: window.Application, else wps.EtApplication(), else window.wps itself
 * (the three ways public add-ins and Kingsoft's templates find it); nothing when none of them is there.
 */
import { etApplication } from '../../src/shell/wps/host-object';
import { wpsRibbon } from '../../src/shell/wps/wiring';
import { createFakeEt, wpsGlobal } from '../fakes/wps';

test('window.Application comes first', () => {
  const app = { ActiveWorkbook: null, CreateTaskPane() {} };
  const other = { ActiveWorkbook: null, CreateTaskPane() {} };
  expect(etApplication({ Application: app, wps: wpsGlobal(other) })).toBe(app);
});

test('without window.Application: wps.EtApplication()', () => {
  const fake = createFakeEt();
  expect(etApplication({ wps: wpsGlobal(fake.app) })).toBe(fake.app);
});

test('without either: window.wps when it is the application itself', () => {
  const fake = createFakeEt();
  expect(etApplication({ wps: fake.app })).toBe(fake.app);
});

test('nothing usable: undefined (a wps object that is not ET, an EtApplication() that throws or gives nothing)', () => {
  expect(etApplication({})).toBeUndefined();
  expect(etApplication({ wps: { WpsApplication() {} } })).toBeUndefined();
  expect(
    etApplication({
      wps: {
        EtApplication() {
          throw new Error('not ET');
        },
      },
    }),
  ).toBeUndefined();
  expect(etApplication({ wps: { EtApplication: () => null } })).toBeUndefined();
});

test('the ribbon of a page that has only window.wps opens the pane (it found the application)', () => {
  const fake = createFakeEt();
  const alerts: string[] = [];
  const ribbon = wpsRibbon({
    wps: wpsGlobal(fake.app),
    location: { href: 'file:///jsaddons/jixiao_1.0.0/index.html' },
    alert: (m) => alerts.push(m),
  });
  ribbon.OnAction({ Id: 'jixiaoPane' });
  expect(fake.panes.size).toBe(1);
  expect(alerts).toEqual([]);
});
