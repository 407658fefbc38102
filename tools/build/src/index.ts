/** What the workspace checks share with the app build: which packages a bundle imports. */
export * from './bundle-packages';
