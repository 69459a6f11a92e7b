// dead-letter.module.ts
import { IsNumber, IsString } from 'class-validator';
import { Controller, Module, Payload, Subject } from '../../../src/index.js';

export class ReadingDto {
  @IsString() sensor!: string;
  @IsNumber() celsius!: number;
}

@Controller('readings')
export class ReadingsController {
  readonly stored: ReadingDto[] = [];

  // an event that fails validation is re-published to readings.invalid, with why
  @Subject('record', { invalidTo: 'readings.invalid' })
  record(@Payload() reading: ReadingDto) {
    this.stored.push(reading);
  }
}

@Module({ controllers: [ReadingsController] })
export class ReadingsModule {}
