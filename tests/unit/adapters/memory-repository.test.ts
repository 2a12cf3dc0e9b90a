import { MemoryRepository } from '#adapters/memory-repository.ts';
import { repositoryContract } from './repository.contract.ts';

repositoryContract('MemoryRepository', async () => new MemoryRepository());
