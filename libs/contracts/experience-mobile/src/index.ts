export * from './lib/experience-mobile.contract';
