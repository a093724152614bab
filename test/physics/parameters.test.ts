import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/cli/userError.js';
import { EM_PARAMETERS, emParams, FLAVORS, parseParameterAssignments } from '../../src/physics/parameters.js';

describe('EM parameters', () => {
  it('defaults: s2w = 0.23857 (Khan, text after eq. 3), every other parameter 0', () => {
    const p = emParams();
    expect(p.s2w).toBe(0.23857);
    for (const info of EM_PARAMETERS) if (info.name !== 's2w') expect(p[info.name]).toBe(0);
    expect(Object.keys(p).length).toBe(16);
    expect(FLAVORS).toEqual(['numu', 'nue', 'numubar']);
  });
  it('emParams overrides only what is given', () => {
    const p = emParams({ qee: 1e-8, s2w: 0.2312 });
    expect(p.qee).toBe(1e-8);
    expect(p.s2w).toBe(0.2312);
    expect(p.qmumu).toBe(0);
  });
  it('parseParameterAssignments parses names and numbers, later assignments win', () => {
    expect(parseParameterAssignments(['qee=1e-8', 'r2mu=-4.8e-33', 'qee=-2e-9', 'mue=+3.5E-10', 's2w=.231'])).toEqual({
      qee: -2e-9,
      r2mu: -4.8e-33,
      mue: 3.5e-10,
      s2w: 0.231,
    });
  });
  it.each([
    ['foo=1', /unknown parameter "foo"/],
    ['qee', /not of the form name=value/],
    ['=3', /not of the form name=value/],
    ['qee=abc', /not a number/],
    ['qee=', /not a number/],
    ['qee=1e', /not a number/],
    ['qee=0x10', /not a number/],
    ['qee=Infinity', /not a number/],
    ['qee=2', /outside the accepted range/],
    ['s2w=1.5', /outside the accepted range/],
  ])('rejects %s with a one-line UserError', (a, re) => {
    let err: unknown;
    try {
      parseParameterAssignments([a], 'models/x.yaml: parameters');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(re);
    expect((err as UserError).message).toMatch(/^models\/x.yaml: parameters: /);
    expect((err as UserError).message).not.toMatch(/\n/);
  });
});
