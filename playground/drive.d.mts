import type { Browser, BrowserContext, Page } from 'playwright-core';
export function executable(name?: string): string;
export function launch(name?: string): Promise<Browser>;
export function openWorkbench(browser: Browser, url: string, opts?: { width?: number; height?: number }): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
