import * as path from 'path';
import { AnnotatePaths } from '../../src/cli/annotate-path';

describe('AnnotatePaths', () => {
  it('keeps the base name in another folder', () => {
    const paths = new AnnotatePaths('/out', ['/in/表.xlsx']);
    expect(paths.next('/in/表.xlsx')).toBe(path.join('/out', '表.xlsx'));
  });

  it('never chooses an input of the run: the same folder gets a suffix', () => {
    const paths = new AnnotatePaths('/in', ['/in/表.xlsx', '/in/表.校验.xlsx']);
    expect(paths.next('/in/表.xlsx')).toBe(path.join('/in', '表.校验(2).xlsx'));
  });

  it('two inputs with the same name from different folders get different copies', () => {
    const paths = new AnnotatePaths('/out', ['/a/表.xlsx', '/b/表.xlsx']);
    expect(paths.next('/a/表.xlsx')).toBe(path.join('/out', '表.xlsx'));
    expect(paths.next('/b/表.xlsx')).toBe(path.join('/out', '表.校验.xlsx'));
  });

  it('resolves relative folders before comparing', () => {
    const paths = new AnnotatePaths('.', ['表.xlsx']);
    expect(path.resolve(paths.next('表.xlsx'))).toBe(path.resolve('表.校验.xlsx'));
  });
});

describe('AnnotatePaths with real paths', () => {
  it('compares in the real folder but answers in the folder the user wrote', () => {
    // "link" is a symlink to "/in": the copy would land on the input itself.
    const paths = new AnnotatePaths('/link', ['/in/表.xlsx'], '/in');
    expect(paths.next('/link/表.xlsx')).toBe(path.join('/link', '表.校验.xlsx'));
  });
});
