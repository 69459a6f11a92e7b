import { Module } from '../metadata/module.decorator.js';
import type { DynamicModule } from '../metadata/types.js';
import { APP_COMPONENTS, type PlacedComponent } from '../app-component.js';
import { HttpServer } from './http-server.js';
import { HttpContext } from './http-context.js';
import { contextProvider } from '../scoped-context.js';
import { HTTP_OPTIONS, type HttpModuleOptions } from './http-options.js';

/**
 * Serves HTTP from the same process and container as NATS. Import `HttpModule.forRoot()` once,
 * in the app module; list `@HttpController` classes in any module's `controllers`.
 * @example
 * @Module({ imports: [HttpModule.forRoot({ port: 8080 })], controllers: [OrdersHttpController, OrdersController], providers: [OrdersService] })
 * export class AppModule {}
 */
@Module({})
export class HttpModule {
  static forRoot(options: HttpModuleOptions = {}): DynamicModule {
    return {
      module: HttpModule,
      global: true,
      providers: [
        { provide: HTTP_OPTIONS, useValue: options },
        HttpServer,
        { provide: APP_COMPONENTS, useFactory: httpComponent, inject: [HttpServer] },
        contextProvider(HttpContext, 'HTTP route'),
      ],
      exports: [HTTP_OPTIONS, HttpServer, HttpContext],
    };
  }
}

/** The HTTP server in the app's order: started once the message sources are active, stopped before they drain; shown as `app.http`. */
function httpComponent(server: HttpServer): PlacedComponent {
  return {
    name: 'HTTP server',
    phase: 'after-sources',
    exposes: { key: 'http', value: () => server.app },
    start: () => server.start(),
    stop: (deadline) => server.stop(deadline),
  };
}
