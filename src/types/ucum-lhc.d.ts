declare module '@lhncbc/ucum-lhc' {
  export interface ConvertUnitResult {
    status: 'succeeded' | 'failed' | 'error';
    toVal: number | null;
    msg: string[];
  }
  export interface ValidateUnitResult {
    status: 'valid' | 'invalid' | 'error';
    ucumCode: string | null;
    msg: string[];
  }
  export interface UcumLhcUtilsInstance {
    convertUnitTo(
      fromUnitCode: string,
      fromVal: number,
      toUnitCode: string,
      options?: { molecularWeight?: number; suggest?: boolean },
    ): ConvertUnitResult;
    validateUnitString(uStr: string, suggest?: boolean, valConv?: string): ValidateUnitResult;
  }
  const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtilsInstance } };
  export default ucum;
}
