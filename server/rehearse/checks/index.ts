// The demos' checks and figures, by demo (and the drill's toolkit, rehearsed like a demo: its blocks need recordings).
import type { DemoDefinition } from '../demo-definition';
import { demo1 } from './demo1';
import { demo2 } from './demo2';
import { demo3 } from './demo3';
import { demo4 } from './demo4';
import { demo5 } from './demo5';
import { demo6 } from './demo6';
import { demo7 } from './demo7';
import { demo8 } from './demo8';
import { drill } from './drill';

export const DEMOS: Readonly<Record<string, DemoDefinition>> = { demo1, demo2, demo3, demo4, demo5, demo6, demo7, demo8, drill };
